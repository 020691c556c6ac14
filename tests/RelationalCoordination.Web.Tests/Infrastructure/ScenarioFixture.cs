using Xunit;

namespace RelationalCoordination.Web.Tests.Infrastructure;

/// <summary>One app, database and <see cref="Scenario"/> shared by the tests of a class.</summary>
public sealed class ScenarioFixture : IAsyncLifetime
{
    public AppFactory App { get; } = new();

    public Scenario Scenario { get; private set; } = null!;

    public async Task InitializeAsync() => Scenario = await Scenario.CreateAsync(App);

    public async Task DisposeAsync()
    {
        await Scenario.DisposeAsync();
        await App.DisposeAsync();
    }
}
