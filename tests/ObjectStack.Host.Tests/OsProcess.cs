using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace ObjectStack.Host.Tests;

/// <summary>What a finished <c>os</c> process left behind.</summary>
internal sealed record OsResult(int ExitCode, string Output, string Error)
{
    /// <summary>Standard output, one entry per line, without line ends.</summary>
    public IReadOnlyList<string> OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}{OsProcess.Describe(Output, Error)}";
}

/// <summary>
/// Runs the real built <c>os</c> (<c>dotnet {HostDirectory}/os.dll</c>) as a child process: its own working directory,
/// an environment cleared of inherited <c>OS_*</c> variables, captured standard output and error, and a bounded wait
/// that kills the process tree and fails the test when exceeded.
/// </summary>
internal sealed class OsProcess : IAsyncDisposable
{
    /// <summary>How long any one wait (exit, readiness) may take before the test fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Variables that would change what <c>os</c> does and must come from the test only.</summary>
    private static readonly string[] ClearedVariables =
        ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_HTTP_PORTS", "OBJECTSTACK_FIXTURE_LOG"];

    private readonly Process _process;
    private readonly string _commandLine;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Lock _gate = new();

    private OsProcess(Process process, string commandLine)
    {
        _process = process;
        _commandLine = commandLine;
    }

    /// <summary>The built host folder: <c>os.dll</c> and <c>plugins/</c> with the first-party plugins.</summary>
    public static string HostDirectory { get; } = Metadata("HostDirectory");

    /// <summary>The root of the repository.</summary>
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    /// <summary>The process id of the running <c>os</c>.</summary>
    public int Id => _process.Id;

    /// <summary>Standard output so far.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Standard error so far.</summary>
    public string Error
    {
        get
        {
            lock (_gate)
            {
                return _error.ToString();
            }
        }
    }

    private static string DotnetPath =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)
            ? hostPath
            : Environment.ProcessPath is { } processPath && Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? processPath : "dotnet";

    /// <summary>The folder of a compiled fixture plugin copied beside the tests, such as <c>Alpha</c> for Fixture.AlphaPlugin.</summary>
    public static string FixturePath(string name) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", $"Fixture.{name}Plugin");

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Runs <c>os</c> to completion.</summary>
    /// <param name="workingDirectory">The child's working directory.</param>
    /// <param name="arguments">The arguments after <c>os</c>.</param>
    /// <param name="environment">Extra variables; <c>DOTNET_ENVIRONMENT</c> is <c>Production</c> unless given here.</param>
    public static async Task<OsResult> RunAsync(string workingDirectory, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var os = Start(workingDirectory, arguments, environment);
        return await os.WaitForExitAsync();
    }

    /// <summary>Starts <c>os</c> in the background; dispose to kill it if it is still running.</summary>
    /// <param name="workingDirectory">The child's working directory.</param>
    /// <param name="arguments">The arguments after <c>os</c>.</param>
    /// <param name="environment">Extra variables; <c>DOTNET_ENVIRONMENT</c> is <c>Production</c> unless given here.</param>
    public static OsProcess Start(string workingDirectory, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(DotnetPath)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Path.Combine(HostDirectory, "os.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("OS_", StringComparison.Ordinal) || ClearedVariables.Contains(k)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var os = new OsProcess(process, "os " + string.Join(' ', arguments));
        process.OutputDataReceived += (_, e) => os.Append(os._output, e.Data);
        process.ErrorDataReceived += (_, e) => os.Append(os._error, e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return os;
    }

    /// <summary>Waits for the process to exit; kills the process tree and fails the test after <see cref="Timeout"/>.</summary>
    public async Task<OsResult> WaitForExitAsync()
    {
        using (var timeout = new CancellationTokenSource(Timeout))
        {
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                await KillAsync();
                Assert.Fail($"'{_commandLine}' did not exit within {Timeout.TotalSeconds} s and was killed.{Environment.NewLine}{Describe(Output, Error)}");
            }
        }

        // The parameterless wait also drains the redirected output.
        await _process.WaitForExitAsync(CancellationToken.None);
        return new OsResult(_process.ExitCode, Output, Error);
    }

    /// <summary>Polls <c>GET /api/v1/ready</c> until it answers 200; fails if the process exits or <see cref="Timeout"/> passes.</summary>
    public async Task WaitUntilReadyAsync(HttpClient client)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!timeout.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(CancellationToken.None);
                Assert.Fail($"'{_commandLine}' exited with {_process.ExitCode} before it was ready.{Environment.NewLine}{Describe(Output, Error)}");
            }

            if (await IsReadyAsync(client, timeout.Token))
            {
                return;
            }

            await Task.Delay(PollInterval, CancellationToken.None);
        }

        Assert.Fail($"'{_commandLine}' was not ready within {Timeout.TotalSeconds} s.{Environment.NewLine}{Describe(Output, Error)}");
    }

    /// <summary>Sends SIGTERM, as a process manager would, and waits for the process to exit.</summary>
    public async Task<OsResult> TerminateAsync()
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false };
        info.ArgumentList.Add("-TERM");
        info.ArgumentList.Add(Id.ToString(CultureInfo.InvariantCulture));
        using (var kill = Process.Start(info)!)
        {
            await kill.WaitForExitAsync();
            Assert.That(kill.ExitCode, Is.Zero, $"kill -TERM {Id} failed.");
        }

        return await WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    internal static string Describe(string output, string error) =>
        $"--- stdout ---{Environment.NewLine}{output}--- stderr ---{Environment.NewLine}{error}";

    private static async Task<bool> IsReadyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri("api/v1/ready", UriKind.Relative), cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
        catch (OperationCanceledException)
        {
            return false; // this request timed out, or the overall wait is over
        }
    }

    private static string Metadata(string key) =>
        typeof(OsProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata.");

    private async Task KillAsync()
    {
        bool running;
        try
        {
            running = !_process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return; // never started
        }

        if (running)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            buffer.AppendLine(line);
        }
    }
}
