using OkrConnect.Core.Practice;

namespace OkrConnect.Notifications;

/// <summary>The HTTP status classification every platform starts from (bitwarden's categories).</summary>
public static class ChatHttpStatus
{
    /// <summary>Null for 2xx; otherwise the failure the status means, with a short excerpt of the platform's words.</summary>
    public static DeliveryFailure? Classify(ChatResponse response, string platform)
    {
        var code = response.StatusCode;
        if (code is >= 200 and < 300)
        {
            return null;
        }

        var said = $"{platform} answered HTTP {code}{Excerpt(response.Body)}";
        return code switch
        {
            429 => new DeliveryFailure(DeliveryFailureCategory.RateLimited, said, response.RetryAfter),
            503 => new DeliveryFailure(DeliveryFailureCategory.Unavailable, said, response.RetryAfter),
            408 or 425 or >= 500 => new DeliveryFailure(DeliveryFailureCategory.Transient, said, response.RetryAfter),
            401 or 403 => new DeliveryFailure(DeliveryFailureCategory.Authentication, said),
            404 or 410 => new DeliveryFailure(DeliveryFailureCategory.Configuration, said + " (was the webhook removed?)"),
            _ => new DeliveryFailure(DeliveryFailureCategory.Permanent, said),
        };
    }

    /// <summary>": …" with at most 200 characters of the body, on one line.</summary>
    public static string Excerpt(string body)
    {
        var flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length == 0 ? "" : ": " + (flat.Length > 200 ? flat[..200] + "…" : flat);
    }
}
