using System.Collections.Concurrent;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// The last answer to each GET URL with its ETag, per connector, so the next GET can send <c>If-None-Match</c>;
/// GitHub then answers 304 Not Modified, which does not count against the rate limit, and the stored page is reused.
/// Values are the parsed (trimmed) payloads, not raw bodies, to keep memory small. Bounded: the least recently
/// used tenth is dropped when full.
/// https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
/// </summary>
internal sealed class EtagCache(int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _clock;

    public int Count => _entries.Count;

    public bool TryGet<T>(Uri url, out CachedPage<T> page)
    {
        if (_entries.TryGetValue(url.AbsoluteUri, out var entry) && entry.Page is CachedPage<T> typed)
        {
            entry.LastUsed = Interlocked.Increment(ref _clock);
            page = typed;
            return true;
        }

        page = null!;
        return false;
    }

    public void Set<T>(Uri url, CachedPage<T> page)
    {
        _entries[url.AbsoluteUri] = new Entry(page) { LastUsed = Interlocked.Increment(ref _clock) };
        if (_entries.Count > capacity)
        {
            foreach (var stale in _entries.OrderBy(e => e.Value.LastUsed).Take(Math.Max(1, capacity / 10)).ToList())
            {
                _entries.TryRemove(stale.Key, out _);
            }
        }
    }

    private sealed class Entry(object page)
    {
        public object Page { get; } = page;

        public long LastUsed { get; set; }
    }
}

/// <summary>A stored answer: its ETag, its parsed value and the next page it linked to.</summary>
internal sealed record CachedPage<T>(string ETag, T Value, Uri? Next);
