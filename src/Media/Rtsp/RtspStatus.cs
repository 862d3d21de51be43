namespace ActorStream.Media.Rtsp;

/// <summary>RTSP/1.0 status codes this server answers with (RFC 2326 section 7.1.1) and their reason phrases.</summary>
public static class RtspStatus
{
    public const int Ok = 200;
    public const int BadRequest = 400;
    public const int Unauthorized = 401;
    public const int NotFound = 404;
    public const int MethodNotAllowed = 405;
    public const int RequestEntityTooLarge = 413;
    public const int NotEnoughBandwidth = 453;
    public const int SessionNotFound = 454;
    public const int MethodNotValidInThisState = 455;
    public const int HeaderFieldNotValid = 456;
    public const int AggregateOperationNotAllowed = 459;
    public const int UnsupportedTransport = 461;
    public const int InternalServerError = 500;
    public const int NotImplemented = 501;
    public const int ServiceUnavailable = 503;
    public const int VersionNotSupported = 505;
    public const int OptionNotSupported = 551;

    /// <summary>The RFC's reason phrase for a code; a generic one by class for codes not listed.</summary>
    public static string ReasonPhrase(int code) => code switch
    {
        Ok => "OK",
        BadRequest => "Bad Request",
        Unauthorized => "Unauthorized",
        NotFound => "Not Found",
        MethodNotAllowed => "Method Not Allowed",
        RequestEntityTooLarge => "Request Entity Too Large",
        NotEnoughBandwidth => "Not Enough Bandwidth",
        SessionNotFound => "Session Not Found",
        MethodNotValidInThisState => "Method Not Valid in This State",
        HeaderFieldNotValid => "Header Field Not Valid for Resource",
        AggregateOperationNotAllowed => "Aggregate operation not allowed",
        UnsupportedTransport => "Unsupported transport",
        InternalServerError => "Internal Server Error",
        NotImplemented => "Not Implemented",
        ServiceUnavailable => "Service Unavailable",
        VersionNotSupported => "RTSP Version not supported",
        OptionNotSupported => "Option not supported",
        >= 200 and < 300 => "OK",
        >= 400 and < 500 => "Client Error",
        >= 500 and < 600 => "Server Error",
        _ => "Unknown",
    };
}
