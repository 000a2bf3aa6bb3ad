using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OkrConnect.Host.Api;

namespace OkrConnect.Host.Tests.Api.Support;

/// <summary>Sends and reads JSON the way the API speaks it (camelCase, kebab-case enums).</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body) =>
        client.PatchAsJsonAsync(url, body, Options);

    /// <summary>Sends a raw JSON text, for bodies an anonymous object cannot express (bad syntax, wrong types).</summary>
    public static Task<HttpResponseMessage> SendRawJsonAsync(this HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Options)!;
    }

    /// <summary>The messages of one field of a validation problem.</summary>
    public static IReadOnlyList<string> Errors(this JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
            ? messages.EnumerateArray().Select(m => m.GetString()!).ToList()
            : [];

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiExtensions.ConfigureJson(options);
        return options;
    }
}

/// <summary>A page as the API returns it.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Offset, int Limit, long Total);
