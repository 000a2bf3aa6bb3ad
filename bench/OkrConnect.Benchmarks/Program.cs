using OkrConnect.Benchmarks;
using OkrConnect.Benchmarks.Scenarios;

// One documented command (see bench/README.md):
//   dotnet run -c Release --project bench/OkrConnect.Benchmarks -- --epics 1000 --issues 100
BenchOptions options;
try
{
    if (args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }

    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    if (options.ScaleOut)
    {
        return await new ScaleOutRun(options, Console.Out).RunAsync(cancel.Token);
    }

    if (options.Limits)
    {
        return await new EmbeddedLimitsRun(options, Console.Out).RunAsync(cancel.Token);
    }

    return await new SingleHostRun(options, Console.Out).RunAsync(cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
