using Microsoft.Net.Http.Headers;

namespace OkrConnect.Host.Practice;

/// <summary>Content negotiation for endpoints that also answer in a text format: <c>?format=</c> wins over Accept.</summary>
public static class ResponseFormat
{
    /// <returns>True for the alternative format (<paramref name="mediaType"/>, or <paramref name="formatName"/> in the query).</returns>
    public static bool Wants(HttpRequest request, string? format, string formatName, string mediaType)
    {
        if (!string.IsNullOrEmpty(format))
        {
            return string.Equals(format, formatName, StringComparison.OrdinalIgnoreCase);
        }

        return MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
            && accepted.Any(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
    }
}
