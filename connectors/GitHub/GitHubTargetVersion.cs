using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// What one complete read of a target was: each page's URL, the ETag GitHub answered with and how many issues it held,
/// and a fingerprint of the settings that turned issues into work items. The engine stores it with the items; the next
/// read sends each ETag back (<c>If-None-Match</c>), and when every page answers 304 Not Modified, which does not count
/// against the rate limit, the stored items stand. Kept in the database rather than in memory, so it survives a
/// restart, is shared by every host of a scale-out, and costs no memory between syncs.
/// https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
/// </summary>
internal sealed record GitHubTargetVersion(
    [property: JsonPropertyName("f")] string Fingerprint,
    [property: JsonPropertyName("p")] IReadOnlyList<GitHubPageVersion> Pages)
{
    // Bumped when the mapping from issue to work item changes, so items stored by an older release are read again.
    private const string MappingRevision = "1";

    public string Serialize() => JsonSerializer.Serialize(this);

    /// <summary>Null for anything that is not a version this connector wrote: the read is then unconditional.</summary>
    public static GitHubTargetVersion? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            var version = JsonSerializer.Deserialize<GitHubTargetVersion>(text);
            return version is { Fingerprint: not null, Pages.Count: > 0 } && version.Pages.All(p => p is { Url: not null, ETag: not null })
                ? version
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The settings that shape a work item (in-progress labels, the points pattern) and the mapping's revision: items
    /// stored under other settings must be read again, even though GitHub would say nothing changed.
    /// </summary>
    public static string FingerprintOf(GitHubSettings settings)
    {
        var shape = string.Join(
            "\n",
            MappingRevision,
            string.Join(",", settings.InProgressLabels.Select(l => l.ToLowerInvariant()).Order(StringComparer.Ordinal)),
            settings.PointsLabelPattern ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(shape)))[..16];
    }
}

/// <summary>One page of a read: the URL asked, the ETag of the answer, the number of issues on it.</summary>
internal sealed record GitHubPageVersion(
    [property: JsonPropertyName("u")] string Url,
    [property: JsonPropertyName("e")] string ETag,
    [property: JsonPropertyName("n")] int Count);
