using Npgsql;

using RelationalCoordination.Web.Infrastructure;

using Xunit;

namespace RelationalCoordination.Web.Tests.Infrastructure;

public sealed class ServiceExtensionsTests
{
    [Fact]
    public void Connections_prepare_their_statements_and_skip_the_reset_by_default()
    {
        var tuned = new NpgsqlConnectionStringBuilder(ServiceExtensions.Tuned("Host=db.example;Database=rc;Username=rc;Password=p;Pooling=true"));

        Assert.Equal(50, tuned.MaxAutoPrepare);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(("db.example", "rc", "p"), (tuned.Host, tuned.Database, tuned.Password));
    }

    [Theory]
    [InlineData("Host=h;Max Auto Prepare=0;No Reset On Close=false", 0, false)]
    [InlineData("Host=h;max auto prepare=7", 7, true)]
    [InlineData("Host=h;NO RESET ON CLOSE=False", 50, false)]
    public void A_connection_string_that_sets_them_itself_is_left_as_it_says(string connectionString, int prepare, bool noReset)
    {
        var tuned = new NpgsqlConnectionStringBuilder(ServiceExtensions.Tuned(connectionString));

        Assert.Equal((prepare, noReset), (tuned.MaxAutoPrepare, tuned.NoResetOnClose));
    }
}
