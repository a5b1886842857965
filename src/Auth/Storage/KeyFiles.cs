using System.Security.Cryptography;
using System.Text;
using ClinicalAgent.Fhir.Storage;

namespace ClinicalAgent.Auth.Storage;

/// <summary>
/// The server's keys as owner-only files (0600 in a 0700 folder): made on first use, read afterwards, so tokens
/// signed before a restart still validate after it.
/// </summary>
internal static class KeyFiles
{
    /// <summary>An RSA key as PKCS#8 PEM: read, or made (2048 bits) when the file is new.</summary>
    public static RSA RsaKey(string path)
    {
        var rsa = RSA.Create();
        try
        {
            var pem = ReadOrCreate(path, () =>
            {
                using var created = RSA.Create(2048);
                return created.ExportPkcs8PrivateKeyPem();
            });
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            throw new InvalidDataException($"The key file {path} is not an RSA private key in PEM: {ex.Message}", ex);
        }
    }

    /// <summary>A 256-bit symmetric key, base64: read, or made when the file is new.</summary>
    public static byte[] SymmetricKey(string path)
    {
        var text = ReadOrCreate(path, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            return key.Length == 32 ? key : throw new InvalidDataException($"The key file {path} does not hold a 256-bit key.");
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"The key file {path} is not base64.", ex);
        }
    }

    private static string ReadOrCreate(string path, Func<string> create)
    {
        OwnerOnlyFiles.CreateFile(path);
        using var stream = OpenExclusive(path);
        if (stream.Length > 0)
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        var text = create();
        var bytes = Encoding.UTF8.GetBytes(text);
        stream.Write(bytes);
        return text;
    }

    /// <summary>
    /// The file held exclusively while it is read or written, so two first starts agree on one key. The lock does
    /// not wait (on Linux it is a non-blocking flock), so a second process or command starting at the same moment
    /// retries for a while instead of failing with a sharing violation.
    /// </summary>
    private static FileStream OpenExclusive(string path)
    {
        var deadline = Environment.TickCount64 + 5_000;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Environment.TickCount64 < deadline && File.Exists(path))
            {
                Thread.Sleep(10);
            }
        }
    }
}
