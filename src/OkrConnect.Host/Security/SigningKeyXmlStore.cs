using System.Xml.Linq;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Host.Security;

/// <summary>
/// Keeps the protected token signing keys as elements beside the Data Protection key ring (table data_protection_keys),
/// so servers sharing a database share the keys. Each key has its own friendly name: two servers creating one at the
/// same moment both keep theirs instead of overwriting each other.
/// </summary>
internal sealed class SigningKeyXmlStore(IDataProtectionKeyRepository keys) : ISigningKeyStore
{
    public static readonly XName ElementName = XName.Get("tokenSigningKey", "urn:okrconnect");

    private const string FriendlyNamePrefix = "okrconnect-token-signing-key-";

    public Task<IReadOnlyList<string>> ReadAllAsync(CancellationToken ct)
    {
        IReadOnlyList<string> protectedKeys = keys.GetAllXml()
            .Select(XElement.Parse)
            .Where(element => element.Name == ElementName)
            .Select(element => element.Value)
            .ToArray();
        return Task.FromResult(protectedKeys);
    }

    public Task AddAsync(string protectedKey, CancellationToken ct)
    {
        var element = new XElement(ElementName, new XAttribute("algorithm", EmbeddedSigningKey.Algorithm), protectedKey);
        keys.Store(FriendlyNamePrefix + Guid.NewGuid().ToString("N"), element.ToString(SaveOptions.DisableFormatting));
        return Task.CompletedTask;
    }
}
