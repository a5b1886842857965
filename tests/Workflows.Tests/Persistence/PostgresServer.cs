using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ClinicalAgent.Workflows.Tests.Persistence;

/// <summary>
/// A private PostgreSQL server for one test class: <c>initdb</c> into a temporary folder, <c>postgres</c> on a free
/// loopback port with its socket in that folder, stopped and deleted at the end. PostgreSQL refuses to run as root,
/// so as root the server runs as the <c>postgres</c> user (which Debian's package creates) through <c>runuser</c>.
/// Missing binaries fail the test with a message that says what to install; they never skip it.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _folder;
    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private int _databases;

    public PostgresServer()
    {
        _bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: no initdb under /usr/lib/postgresql/*/bin or on PATH. Install Debian's 'postgresql' package (.ci/run does).");
        _asPostgresUser = Environment.UserName == "root";
        _folder = Directory.CreateTempSubdirectory("clinicalagent-pg-").FullName;
        if (_asPostgresUser)
        {
            Run("chown", "-R", "postgres", _folder);
        }

        Port = FreePort();
        var data = Path.Combine(_folder, "data");
        RunPostgres("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions");
        RunPostgres("pg_ctl", "start", "-w", "-t", "60", "-D", data, "-l", Path.Combine(_folder, "server.log"),
            "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200");
    }

    public int Port { get; }

    /// <summary>A connection string to the server's <c>postgres</c> database.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string NewDatabase()
    {
        var name = $"wf_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..24];
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    public void Dispose()
    {
        try
        {
            RunPostgres("pg_ctl", "stop", "-m", "immediate", "-w", "-D", Path.Combine(_folder, "data"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string? FindBin()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : 0)
            : Enumerable.Empty<string>();
        foreach (var bin in versions.Select(v => Path.Combine(v, "bin")))
        {
            if (File.Exists(Path.Combine(bin, "initdb")))
                return bin;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(p => p.Length > 0 && File.Exists(Path.Combine(p, "initdb")));
    }

    private void RunPostgres(string tool, params string[] args) =>
        Run(_asPostgresUser ? "runuser" : Path.Combine(_bin, tool), _asPostgresUser ? ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args] : args);

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', args)} did not finish in 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}{output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
