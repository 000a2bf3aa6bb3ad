using Microsoft.Extensions.Options;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Host.Security;

/// <summary>
/// At first start (embedded mode, no admin account yet) creates the admin account <c>Auth:BootstrapSubject</c> with a
/// secret taken from <c>Auth:BootstrapSecret</c> / <c>OKRCONNECT_BOOTSTRAP_SECRET</c>, or generated and printed once.
/// </summary>
internal sealed class BootstrapAdmin(
    IAccountRepository accounts,
    IOptions<AuthOptions> options,
    IConfiguration configuration,
    OperatorConsole console,
    TimeProvider time,
    ILogger<BootstrapAdmin> logger)
{
    public const string SecretEnvironmentVariable = "OKRCONNECT_BOOTSTRAP_SECRET";

    public async Task EnsureAsync(CancellationToken ct)
    {
        var auth = options.Value;
        var configuredSecret = string.IsNullOrEmpty(auth.BootstrapSecret) ? configuration[SecretEnvironmentVariable] : auth.BootstrapSecret;
        if (await accounts.AnyAdminAsync(ct))
        {
            if (!string.IsNullOrEmpty(configuredSecret))
            {
                logger.LogWarning("An admin account exists, so the configured bootstrap secret is ignored; remove Auth:BootstrapSecret / {Variable}", SecretEnvironmentVariable);
            }

            return;
        }

        var subject = auth.BootstrapSubject;
        if (await accounts.GetBySubjectAsync(subject, ct) is not null)
        {
            throw new InvalidOperationException(
                $"No admin account exists, but the account '{subject}' does and is not an admin. Set Auth:BootstrapSubject to another subject.");
        }

        var secret = string.IsNullOrEmpty(configuredSecret) ? SecretHasher.NewSecret() : configuredSecret;
        var account = new Account(Guid.NewGuid(), subject, "Bootstrap admin", Role.Admin, [], IsServiceAccount: false, SecretHasher.Hash(secret), Disabled: false, time.GetUtcNow());
        try
        {
            await accounts.InsertAsync(account, ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            if (await accounts.AnyAdminAsync(ct))
            {
                return; // Another server sharing the database bootstrapped first.
            }

            throw;
        }

        logger.LogInformation("Created the bootstrap admin account '{Subject}'", subject);
        if (string.IsNullOrEmpty(configuredSecret))
        {
            PrintGeneratedSecret(subject, secret);
        }
    }

    private void PrintGeneratedSecret(string subject, string secret)
    {
        var output = console.Out;
        output.WriteLine();
        output.WriteLine("=== OkrConnect first start ===");
        output.WriteLine($"Created the admin account '{subject}'. Its one-time bootstrap secret is:");
        output.WriteLine();
        output.WriteLine($"    {secret}");
        output.WriteLine();
        output.WriteLine("It is shown only this once and stored only as a hash. Exchange it for a token with");
        output.WriteLine($"    POST /api/auth/token {{\"subject\":\"{subject}\",\"secret\":\"<the secret>\"}}");
        output.WriteLine("==============================");
        output.WriteLine();
        output.Flush();
    }
}
