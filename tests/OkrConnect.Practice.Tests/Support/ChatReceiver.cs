using System.Text.Json;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace OkrConnect.Practice.Tests.Support;

/// <summary>
/// Chat platforms' webhook endpoints on a local WireMock server, answering as each platform documents. Every request
/// must match a registered endpoint: <see cref="Dispose"/> fails the test on an unmatched one.
/// </summary>
public sealed class ChatReceiver : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public string Url => _server.Url!;

    public string Slack(string path = "/services/T000/B000/XXXX", int status = 200, string body = "ok", string? retryAfter = null)
    {
        var response = Response.Create().WithStatusCode(status).WithBody(body);
        if (retryAfter is not null)
        {
            response = response.WithHeader("Retry-After", retryAfter);
        }

        _server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(response);
        return Url + path;
    }

    /// <summary>Incoming Webhooks answer 200 with the body "1".</summary>
    public string Teams(string path = "/webhookb2/team@tenant/IncomingWebhook/abc/def")
    {
        _server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("1"));
        return Url + path;
    }

    public string Feishu(string token = "hook-token", int code = 0)
    {
        var path = $"/open-apis/bot/v2/hook/{token}";
        _server.Given(Request.Create().WithPath(path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(code == 0 ? """{"code":0,"msg":"success","data":{}}""" : $$$"""{"code":{{{code}}},"msg":"sign match fail or timestamp is not within one hour from current time","data":{}}"""));
        return Url + path;
    }

    public string DingTalk(string token = "ding-token", int errcode = 0)
    {
        _server.Given(Request.Create().WithPath("/robot/send").WithParam("access_token", token).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(errcode == 0 ? """{"errcode":0,"errmsg":"ok"}""" : $$$"""{"errcode":{{{errcode}}},"errmsg":"sign not match"}"""));
        return $"{Url}/robot/send?access_token={token}";
    }

    public string WeCom(string key = "wecom-key")
    {
        _server.Given(Request.Create().WithPath("/cgi-bin/webhook/send").WithParam("key", key).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"errcode":0,"errmsg":"ok"}"""));
        return $"{Url}/cgi-bin/webhook/send?key={key}";
    }

    public IReadOnlyList<ILogEntry> Received(string path) =>
        _server.LogEntries.Where(e => e.RequestMessage.Path == path).ToList();

    public JsonElement SingleBody(string path) =>
        JsonDocument.Parse(Assert.Single(Received(path)).RequestMessage.Body!).RootElement.Clone();

    public void Dispose()
    {
        var unmatched = _server.LogEntries.Where(e => e.MappingGuid is null).Select(e => $"{e.RequestMessage.Method} {e.RequestMessage.Url}").ToList();
        _server.Stop();
        _server.Dispose();
        Assert.True(unmatched.Count == 0, "Requests no endpoint expected: " + string.Join(", ", unmatched));
    }
}
