using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OkrConnect.Notifications.DingTalk;
using OkrConnect.Notifications.Feishu;
using OkrConnect.Notifications.Slack;
using OkrConnect.Notifications.Teams;
using OkrConnect.Notifications.WeCom;

namespace OkrConnect.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>Chat delivery and every chat platform; <paramref name="timeout"/> bounds each call so a slow platform holds nothing up.</summary>
    public static IServiceCollection AddOkrConnectNotifications(this IServiceCollection services, TimeSpan timeout)
    {
        // The default HttpClient logging writes every request URI, and a webhook URI carries the platform's token.
        services.AddHttpClient(ChatSender.HttpClientName, client => client.Timeout = timeout).RemoveAllLoggers();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChatChannelCatalog>();
        services.TryAddSingleton<ChatSender>();

        // Chat platforms: one line each.
        services.AddChatChannel<SlackChannel>();
        services.AddChatChannel<TeamsChannel>();
        services.AddChatChannel<FeishuChannel>();
        services.AddChatChannel<DingTalkChannel>();
        services.AddChatChannel<WeComChannel>();
        return services;
    }

    public static IServiceCollection AddChatChannel<TChannel>(this IServiceCollection services)
        where TChannel : class, IChatChannel
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatChannel, TChannel>());
        return services;
    }
}
