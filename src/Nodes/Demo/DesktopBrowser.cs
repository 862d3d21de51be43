using System.ComponentModel;
using System.Diagnostics;

namespace ActorStream.Nodes.Demo;

/// <summary>Opens a URL in the desktop's browser with xdg-open, where there is a desktop (DISPLAY or WAYLAND_DISPLAY)
/// and xdg-open; elsewhere (a server, CI, ssh) nothing is tried.</summary>
public static class DesktopBrowser
{
    /// <returns>true when xdg-open was started.</returns>
    public static bool TryOpen(string url)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
        {
            return false;
        }

        var xdgOpen = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "xdg-open"))
            .FirstOrDefault(File.Exists);
        if (xdgOpen is null)
        {
            return false;
        }

        try
        {
            var start = new ProcessStartInfo(xdgOpen) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(url);
            // xdg-open hands the URL to the browser and exits; its output is not the demo's.
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            return true;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}
