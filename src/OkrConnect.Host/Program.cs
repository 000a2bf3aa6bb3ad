using OkrConnect.Host;
using OkrConnect.Host.Api;
using OkrConnect.Host.Health;
using OkrConnect.Host.Jobs;
using OkrConnect.Host.Security;

// `OkrConnect.Host token create ...` mints a token from the command line instead of starting the server.
if (TokenCommand.IsInvocation(args))
{
    return await TokenCommand.RunAsync(args);
}

// Content root = the build output, so the appsettings.json shipped beside the binary is read wherever the service is
// started from (`dotnet run --project src/OkrConnect.Host` runs in the caller's directory). Relative data paths still
// resolve against the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddOkrConnectConfiguration();
builder.AddOkrConnectStorage();
builder.AddOkrConnectSecurity();
builder.AddOkrConnectApi();
builder.AddOkrConnectJobs();
builder.AddOkrConnectSync();
builder.AddOkrConnectPractice();
builder.AddOkrConnectHealth();

var app = builder.Build();
await app.PrepareDatabaseAsync();
await app.BootstrapAdminAsync();

app.UseOkrConnectApi();
app.UseOkrConnectSecurity();
app.UseOkrConnectJobs();

app.MapHealthApi();
app.MapSecurityApi();
app.MapOkrConnectApi();
app.MapSyncApi();
app.MapPracticeApi();

await app.RunAsync();
return 0;

/// <summary>Entry point type, public so the end-to-end tests can host it with WebApplicationFactory.</summary>
public partial class Program;
