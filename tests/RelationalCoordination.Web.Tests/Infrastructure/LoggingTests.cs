using Microsoft.AspNetCore.Http;

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

    [Fact]
    public async Task A_request_its_browser_abandoned_ends_as_499_not_as_an_error()
    {
        using var gone = new CancellationTokenSource();
        var http = new DefaultHttpContext { RequestAborted = gone.Token };
        await gone.CancelAsync();

        await PipelineExtensions.ClientGoneAwayAsync(http, context => Task.FromCanceled(context.RequestAborted));

        Assert.Equal(PipelineExtensions.ClientClosedRequest, http.Response.StatusCode);
    }

    [Fact]
    public async Task A_cancellation_the_browser_did_not_ask_for_is_still_an_error()
    {
        var http = new DefaultHttpContext();

        await Assert.ThrowsAsync<TaskCanceledException>(() =>
            PipelineExtensions.ClientGoneAwayAsync(http, _ => Task.FromCanceled(new CancellationToken(canceled: true))));
    }
}
