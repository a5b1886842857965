using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Cli.Tests.Workflows;

/// <summary>
/// Waits on what another process (or an in-process server on a real port) does. These waits are real time by nature;
/// timers inside our code (lease renewal, take-over sweep) are tested with a fake clock in Workflows.Tests instead.
/// </summary>
internal static class CrossProcess
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="path"/> answers with success; throws when it does not within 30 s.</summary>
    public static async Task WaitUpAsync(HttpClient client, string path)
    {
        var up = await UntilAsync(async () =>
        {
            try
            {
                using var response = await client.GetAsync(path);
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // Not listening yet.
            }
        }, TimeSpan.FromSeconds(30));
        if (!up)
        {
            throw new TimeoutException("serve did not come up");
        }
    }

    /// <summary>
    /// True as soon as <paramref name="condition"/> holds, false when <paramref name="timeout"/> passes first. A condition
    /// that throws <see cref="InvalidOperationException"/> is asked again: the other process may be creating the schema.
    /// </summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (InvalidOperationException)
            {
                // Not readable yet; look again.
            }

            await Task.Delay(Pause);
        }

        return false;
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, TimeSpan)"/>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout) => UntilAsync(() => Task.FromResult(condition()), timeout);

    /// <summary>
    /// The JSON array at <paramref name="path"/> once it holds at least <paramref name="count"/> items, or what it held
    /// when <paramref name="timeout"/> passed (so the caller's assertion on it fails with the figures).
    /// </summary>
    public static async Task<JsonArray> PollAsync(HttpClient client, string path, int count, TimeSpan timeout)
    {
        JsonArray array = [];
        await UntilAsync(async () =>
        {
            array = JsonNode.Parse(await client.GetStringAsync(path))!.AsArray();
            return array.Count >= count;
        }, timeout);
        return array;
    }
}
