using System.IO.MemoryMappedFiles;

namespace TechTransfer.Match.Matching;

/// <summary>
/// A snapshot file mapped read-only: a restored index reads its postings and forward entries where they lie in the
/// file (the page cache, which the kernel can evict and share), not from copies on the managed heap. Unmapped by the
/// finalizer once nothing references it, never explicitly: a state replaced while a query still reads it keeps its
/// mapping. Readers hold the owner (a <see cref="ByteRegion"/>) alive past their last read with
/// <see cref="ByteRegion.KeepAlive"/>, since a span taken from it does not. The file may be renamed over or deleted
/// meanwhile (the platform writes its next snapshot to a temporary file and renames it): the mapping keeps the old one.
/// </summary>
#pragma warning disable CA1001 // the views are released by the finalizer only: see the summary
internal sealed unsafe class MappedFile
#pragma warning restore CA1001
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;

    public MappedFile(string path)
    {
        Length = new FileInfo(path).Length;
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* p = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _pointer = p + _view.PointerOffset;
    }

    ~MappedFile()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    public long Length { get; }

    /// <summary>A read-only stream over the whole file (reading it copies; regions reference).</summary>
    public UnmanagedMemoryStream OpenStream() => new(_pointer, Length);

    public ReadOnlySpan<byte> Span(long offset, int length) => new(_pointer + offset, length);
}

/// <summary>Bytes on the managed heap or in a <see cref="MappedFile"/>.</summary>
internal readonly struct ByteRegion
{
    private readonly byte[]? _array;
    private readonly MappedFile? _file;
    private readonly long _offset;

    public ByteRegion(byte[] array)
    {
        _array = array;
        Length = array.Length;
    }

    /// <summary>A part of a heap array (a snapshot's forward entries, read as one array per kind).</summary>
    public ByteRegion(byte[] array, int offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)offset + length, array.Length);
        _array = array;
        _offset = offset;
        Length = length;
    }

    public ByteRegion(MappedFile file, long offset, int length)
    {
        if (offset < 0 || length < 0 || offset + length > file.Length)
        {
            throw new InvalidDataException("A snapshot region lies outside the file.");
        }

        _file = file;
        _offset = offset;
        Length = length;
    }

    public int Length { get; }

    public bool IsMapped => _file != null;

    public ReadOnlySpan<byte> Span => _file != null ? _file.Span(_offset, Length) : _array.AsSpan((int)_offset, Length);

    /// <summary>A part of this region.</summary>
    public ByteRegion Slice(int offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)offset + length, Length);
        return _file != null ? new ByteRegion(_file, _offset + offset, length) : new ByteRegion(_array!, (int)_offset + offset, length);
    }

    /// <summary>Keeps the mapping alive up to this call (after the caller's last read of <see cref="Span"/>).</summary>
    public void KeepAlive() => GC.KeepAlive(_file);
}
