using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OkrConnect.Host.Api;

namespace OkrConnect.Practice.Tests.Support;

/// <summary>JSON the way the API speaks it, read into <see cref="JsonElement"/> so tests depend on the wire, not on DTO types.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body) =>
        client.PatchAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Options);

    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url)).ReadAsync(expected);

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    public static JsonElement Get(this JsonElement element, string name) => element.GetProperty(name);

    public static string? Str(this JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetString();

    public static double? Num(this JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetDouble();

    public static IReadOnlyList<JsonElement> Items(this JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().ToList();

    /// <summary>The field names of a validation problem's <c>errors</c>.</summary>
    public static IReadOnlyList<string> ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToList() : [];

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiExtensions.ConfigureJson(options);
        return options;
    }
}
