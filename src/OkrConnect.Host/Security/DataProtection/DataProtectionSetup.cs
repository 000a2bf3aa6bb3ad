using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using System.Security.Cryptography.X509Certificates;

namespace OkrConnect.Host.Security.DataProtection;

/// <summary>
/// ASP.NET Core Data Protection with the key ring in the database, encrypted at rest with an X.509 certificate when
/// <c>DataProtection:CertificatePath</c> is set (without one the keys sit in the database in the clear, and a warning
/// says so at start).
/// </summary>
internal static class DataProtectionSetup
{
    public const string ApplicationName = "OkrConnect";

    public static IServiceCollection AddOkrConnectDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        services.Configure<KeyProtectionOptions>(configuration.GetSection(KeyProtectionOptions.Section));

        // One application name for every server and for the token command, or they would not read each other's data.
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var certificate = LoadCertificate(options);
            builder.ProtectKeysWithCertificate(certificate);
            builder.UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddSingleton<DatabaseXmlRepository>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(keyManagement =>
                keyManagement.XmlRepository = provider.GetRequiredService<DatabaseXmlRepository>()));

        services.AddSingleton<SecretProtector>();
        services.AddHostedService<KeyProtectionNotice>();
        return services;
    }

    private static X509Certificate2 LoadCertificate(KeyProtectionOptions options)
    {
        var path = Path.GetFullPath(options.CertificatePath!);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath points to '{path}', which does not exist.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The certificate '{path}' has no private key; Data Protection needs it to read the keys back.");
        }

        return certificate;
    }
}

/// <summary>The <c>DataProtection</c> configuration section.</summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts the key ring at rest.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
