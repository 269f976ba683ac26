using System.Net;
using System.Net.Sockets;

namespace ObjectStack.Drivers.Postgres.Tests.Faults;

/// <summary>
/// A loopback TCP forwarder in front of the test PostgreSQL server, so a test can make the database unreachable
/// (stop: new connections are refused, open ones are cut) and reachable again (start) on the same address, or reach
/// it under another loopback address (a name its certificate does not hold).
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPAddress _address;
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _running;

    private TcpProxy(IPAddress address, int port, IPEndPoint target)
    {
        _address = address;
        _target = target;
        Port = port;
    }

    /// <summary>Gets the port the proxy listens on (also while stopped, so the address stays the same).</summary>
    public int Port { get; }

    /// <summary>Gets how many connections the proxy has accepted.</summary>
    public int Accepted { get; private set; }

    /// <summary>Creates a proxy for the server behind <paramref name="url"/>, on a free port of
    /// <paramref name="address"/> (127.0.0.1 unless told), not yet listening.</summary>
    public static TcpProxy For(string url, IPAddress? address = null)
    {
        var uri = new Uri(url);
        address ??= IPAddress.Loopback;
        var probe = new TcpListener(address, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new TcpProxy(address, port, new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port));
    }

    /// <summary>The URL of the database at <paramref name="databaseUrl"/>, through the proxy.</summary>
    public string UrlFor(string databaseUrl) => new UriBuilder(databaseUrl) { Port = Port }.Uri.ToString();

    public void Start()
    {
        _running = new CancellationTokenSource();
        _listener = new TcpListener(_address, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _running.Token);
    }

    /// <summary>Stops listening and cuts every open connection.</summary>
    public void Stop()
    {
        _running?.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        _running?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Accepted++;
            _ = PipeAsync(client, cancellationToken);
        }
    }

    private async Task PipeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var server = new TcpClient();
        lock (_open)
        {
            _open.Add(client);
            _open.Add(server);
        }

        try
        {
            await server.ConnectAsync(_target, cancellationToken);
            var up = client.GetStream().CopyToAsync(server.GetStream(), cancellationToken);
            var down = server.GetStream().CopyToAsync(client.GetStream(), cancellationToken);
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side went away; close both.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
