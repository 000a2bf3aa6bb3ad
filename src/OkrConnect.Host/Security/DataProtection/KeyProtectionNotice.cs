using Microsoft.Extensions.Options;

namespace OkrConnect.Host.Security.DataProtection;

/// <summary>Warns at start when the Data Protection key ring is stored without a key-protection certificate.</summary>
internal sealed class KeyProtectionNotice(IOptions<KeyProtectionOptions> options, ILogger<KeyProtectionNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.CertificatePath))
        {
            logger.LogWarning(
                "No DataProtection:CertificatePath is configured: the Data Protection keys are stored in the database unencrypted at rest. "
                + "Anyone who can read the database can decrypt connector secrets and the token signing key. "
                + "Configure a key-protection certificate (DataProtection:CertificatePath and DataProtection:CertificatePassword) in production.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
