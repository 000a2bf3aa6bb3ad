namespace OkrConnect.Notifications;

/// <summary>Every registered chat platform by kind. Adding one is one line in the registration, not a switch here.</summary>
public sealed class ChatChannelCatalog(IEnumerable<IChatChannel> channels)
{
    private readonly Dictionary<string, IChatChannel> byKind = channels.ToDictionary(c => c.Kind, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Kinds => byKind.Keys.Order(StringComparer.Ordinal).ToList();

    public IChatChannel? Find(string kind) => byKind.GetValueOrDefault(kind);
}
