using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OkrConnect.Storage.Tests.Infrastructure;

/// <summary>A test case whose skip reason comes from the engine its class runs on.</summary>
public sealed class EngineTestCase : XunitTestCase
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public EngineTestCase()
    {
    }

    public EngineTestCase(IMessageSink diagnosticMessageSink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod)
        : base(diagnosticMessageSink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        EngineSkip.ReasonFor(TestMethod.TestClass.Class.ToRuntimeType()) ?? base.GetSkipReason(factAttribute);
}

/// <summary>Finds the <see cref="ITestDatabase"/> type argument of a test class and asks it whether it can run.</summary>
internal static class EngineSkip
{
    public static string? ReasonFor(Type? testClass)
    {
        for (var type = testClass; type is not null; type = type.BaseType)
        {
            if (!type.IsGenericType)
            {
                continue;
            }

            foreach (var argument in type.GetGenericArguments())
            {
                if (typeof(ITestDatabase).IsAssignableFrom(argument))
                {
                    return (string?)argument.GetProperty(nameof(ITestDatabase.SkipReason))!.GetValue(null);
                }
            }
        }

        return null;
    }
}

public sealed class StorageFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new EngineTestCase(diagnosticMessageSink, discoveryOptions, testMethod);
    }
}

public sealed class StorageTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        EngineSkip.ReasonFor(testMethod.TestClass.Class.ToRuntimeType()) is null
            ? base.Discover(discoveryOptions, testMethod, theoryAttribute)
            : [new EngineTestCase(DiagnosticMessageSink, discoveryOptions, testMethod)];
}
