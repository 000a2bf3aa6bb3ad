namespace OkrConnect.Host.Security;

// Owner: security. `token create --subject alice --role manager [--team web] [--days 30]` prints a signed token.
public static class TokenCommand
{
    public static bool IsInvocation(string[] args) => args.Length > 0 && args[0] == "token";

    public static Task<int> RunAsync(string[] args) => Task.FromResult(2);
}
