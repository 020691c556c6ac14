using RelationalCoordination.Web.Infrastructure;
using Xunit;

namespace RelationalCoordination.Web.Tests.Infrastructure;

public sealed class LoggingTests
{
    [Theory]
    [InlineData("/invitations/Yk3x9Q-secret_token", "/invitations/(token)")]
    [InlineData("/Invitations/abc", "/invitations/(token)")]
    [InlineData("/c/K7QM4XPD2R", "/c/(code)")]
    [InlineData("/r/pQ3-secret_link", "/r/(token)")]
    [InlineData("/orgs/5b0c/members", "/orgs/5b0c/members")]
    public void Request_log_lines_never_carry_an_invitation_token(string path, string logged) =>
        Assert.Equal(logged, PipelineExtensions.RedactedPath(path));
}
