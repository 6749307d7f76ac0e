using Xunit.Abstractions;
using Xunit.Sdk;

namespace CityActors.Console.Tests;

/// <summary>
/// Runs a class's tests in the order of their names, so the load-time test ("The_…") comes last and the other tests
/// run while the fixture is still seeding its ten thousand cases.
/// </summary>
public sealed class ByNameOrderer : ITestCaseOrderer
{
    public const string TypeName = "CityActors.Console.Tests.ByNameOrderer";
    public const string AssemblyName = "CityActors.Console.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);
}
