using System.Diagnostics.CodeAnalysis;

namespace ActorStream.Media.Ffmpeg;

/// <summary>An audio source: none, the sine test tone, an ALSA device or a PulseAudio source.</summary>
public sealed record AudioSource
{
    private AudioSource(AudioSourceKind kind, string? device)
    {
        Kind = kind;
        Device = device;
    }

    public static AudioSource None { get; } = new(AudioSourceKind.None, null);

    public static AudioSource Sine { get; } = new(AudioSourceKind.Sine, null);

    public AudioSourceKind Kind { get; }

    /// <summary>The ALSA or PulseAudio device name; null for none and sine.</summary>
    public string? Device { get; }

    public bool IsEnabled => Kind != AudioSourceKind.None;

    public static AudioSource Alsa(string device) =>
        string.IsNullOrWhiteSpace(device)
            ? throw new ArgumentException("An ALSA source needs a device name.", nameof(device))
            : new AudioSource(AudioSourceKind.Alsa, device);

    public static AudioSource Pulse(string device) =>
        string.IsNullOrWhiteSpace(device)
            ? throw new ArgumentException("A PulseAudio source needs a device name.", nameof(device))
            : new AudioSource(AudioSourceKind.Pulse, device);

    /// <summary>Parses <c>none</c>, <c>sine</c>, <c>alsa:DEVICE</c> or <c>pulse:DEVICE</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AudioSource? source, out string error)
    {
        source = null;
        error = string.Empty;
        var value = text?.Trim() ?? string.Empty;
        const string usage = "Use none, sine, alsa:DEVICE (e.g. alsa:default) or pulse:DEVICE (e.g. pulse:default).";
        if (value.Length == 0)
        {
            error = "The audio source is empty. " + usage;
            return false;
        }

        if (value.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            source = None;
            return true;
        }

        if (value.Equals("sine", StringComparison.OrdinalIgnoreCase))
        {
            source = Sine;
            return true;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? value : value[..colon];
        var device = colon < 0 ? string.Empty : value[(colon + 1)..];
        var isAlsa = scheme.Equals("alsa", StringComparison.OrdinalIgnoreCase);
        var isPulse = scheme.Equals("pulse", StringComparison.OrdinalIgnoreCase);
        if (!isAlsa && !isPulse)
        {
            error = $"Unknown audio source '{value}'. " + usage;
            return false;
        }

        if (device.Length == 0)
        {
            error = $"The {scheme.ToLowerInvariant()} audio source has no device. " + usage;
            return false;
        }

        source = isAlsa ? Alsa(device) : Pulse(device);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/> and throws <see cref="FormatException"/> with the error.</summary>
    public static AudioSource Parse(string? text) =>
        TryParse(text, out var source, out var error) ? source : throw new FormatException(error);

    public override string ToString() => Kind switch
    {
        AudioSourceKind.None => "none",
        AudioSourceKind.Sine => "sine",
        AudioSourceKind.Alsa => $"alsa:{Device}",
        _ => $"pulse:{Device}",
    };
}
