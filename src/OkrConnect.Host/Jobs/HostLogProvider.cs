using Hangfire.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace OkrConnect.Host.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide (a static), and <c>AddHangfire</c> points it at the logger factory of the
/// last host built. Several hosts in one process (the end-to-end tests, an embedding application) would then log
/// through a factory that may already be disposed, and every Hangfire object created afterwards — a
/// <c>BackgroundJobClient</c> for a sync request — would throw <see cref="ObjectDisposedException"/> (a 500 to the
/// caller). This provider writes to the host's factory while it lives and drops Hangfire's messages after it is gone.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new HostLog(factory, name);

    private sealed class HostLog(ILoggerFactory factory, string name) : ILog
    {
        private ILogger? logger;

        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                logger ??= factory.CreateLogger(name);
                var level = ToMicrosoft(logLevel);
                if (messageFunc is null)
                {
                    // Hangfire asks "is this level on?" by passing no message.
                    return logger.IsEnabled(level);
                }

                if (logger.IsEnabled(level))
                {
                    logger.Log(level, 0, messageFunc(), exception, static (message, _) => message);
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static MsLogLevel ToMicrosoft(HangfireLogLevel level) => level switch
        {
            HangfireLogLevel.Trace => MsLogLevel.Trace,
            HangfireLogLevel.Debug => MsLogLevel.Debug,
            HangfireLogLevel.Info => MsLogLevel.Information,
            HangfireLogLevel.Warn => MsLogLevel.Warning,
            HangfireLogLevel.Error => MsLogLevel.Error,
            _ => MsLogLevel.Critical,
        };
    }
}
