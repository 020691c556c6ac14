using QRCoder;

namespace RelationalCoordination.Web.Infrastructure;

/// <summary>
/// Absolute links for respondents (printed on posters and slips, encoded in QR codes). Behind a
/// proxy the address the app sees is not the one people reach, so <c>PublicUrl</c> can name it.
/// </summary>
public static class PublicLinks
{
    public static string Base(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var configured = request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["PublicUrl"];
        return string.IsNullOrWhiteSpace(configured)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : configured.TrimEnd('/');
    }

    /// <summary>A QR code as a scalable SVG, dark modules on white, with the standard quiet zone.</summary>
    public static string QrSvg(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>A QR code as a PNG of about 1,000 px: sharp when printed on an A4 poster.</summary>
    public static byte[] QrPng(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(25);
    }
}
