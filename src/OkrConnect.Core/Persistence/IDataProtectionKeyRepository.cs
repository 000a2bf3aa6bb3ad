namespace OkrConnect.Core.Persistence;

/// <summary>
/// The ASP.NET Data Protection key ring, kept in the database so every instance shares one ring and keys
/// survive restarts. The host wraps it in an <c>IXmlRepository</c>; the methods are synchronous because that
/// interface is.
/// </summary>
public interface IDataProtectionKeyRepository
{
    /// <summary>Every stored key element as XML text, oldest first.</summary>
    IReadOnlyList<string> GetAllXml();

    /// <summary>Stores an element; storing the same friendly name again replaces its XML.</summary>
    void Store(string friendlyName, string xml);
}
