namespace OkrConnect.Host.Security;

/// <summary>
/// Where one-time notices for the operator go (the bootstrap secret). Deliberately not ILogger: log sinks keep and
/// forward what they receive, a console printout is seen once. Tests swap the writer to read it.
/// </summary>
public sealed class OperatorConsole(TextWriter output)
{
    public TextWriter Out { get; } = output;
}
