using System.Security.Cryptography;
using System.Text;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Progress;

namespace OkrConnect.Sync.WriteBack;

/// <summary>
/// A fingerprint of everything a write-back says except when it was computed, so an unchanged key result hashes the
/// same run after run and costs no tracker call. The mode and target are part of it: switching a link from comment
/// to property must write.
/// </summary>
public static class ContentHash
{
    // Bump when the rendering changes in a way every existing write-back should pick up.
    private const int Version = 1;

    public static string Of(WriteBackContent content, WriteBackMode mode, TargetRef target)
    {
        var canonical = ProgressJson.Serialize(new
        {
            version = Version,
            mode,
            target = new { target.Kind, target.Key },
            content = content with { ComputedAt = default },
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
