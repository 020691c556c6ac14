using System.Net;

using RelationalCoordination.Web.Tests.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Pages;

public sealed class HealthTests : IDisposable
{
    private readonly AppFactory app = new();

    [Fact]
    public async Task Health_checks_the_database()
    {
        using var client = app.NewClient();

        var page = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Healthy", page.Html);
    }

    [Fact]
    public async Task The_first_visitor_of_an_empty_installation_is_sent_to_set_up()
    {
        using var client = app.NewClient();

        var page = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal("/setup", page.Location);
    }

    public void Dispose() => app.Dispose();
}
