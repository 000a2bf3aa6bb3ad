using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Host.Security.DataProtection;

/// <summary>
/// The Data Protection key ring in the database, so every server sharing a PostgreSQL database shares one ring and a
/// restart keeps the keys. Other OkrConnect elements in the same table (the token signing key) are not handed to
/// Data Protection, which would log each as an unknown element.
/// </summary>
internal sealed class DatabaseXmlRepository(IDataProtectionKeyRepository keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => keys.GetAllXml()
        .Select(XElement.Parse)
        .Where(element => element.Name != SigningKeyXmlStore.ElementName)
        .ToArray();

    public void StoreElement(XElement element, string friendlyName) =>
        keys.Store(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
