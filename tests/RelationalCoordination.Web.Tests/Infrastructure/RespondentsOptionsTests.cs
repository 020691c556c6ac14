using Xunit;

namespace RelationalCoordination.Web.Tests.Infrastructure;

public sealed class RespondentsOptionsTests
{
    [Theory]
    [InlineData("Respondents:SweepSeconds", "0")]
    [InlineData("Respondents:BatchSize", "0")]
    public void A_respondents_setting_below_one_stops_the_app_at_start_naming_the_setting(string setting, string value)
    {
        using var app = new AppFactory();
        app.Settings[setting] = value;

        var line = SettingsAtStartTests.RefusedStart(app);

        Assert.Contains(RelationalCoordination.Web.Infrastructure.Options.Settings.Variable(setting), line, StringComparison.Ordinal);
    }
}
