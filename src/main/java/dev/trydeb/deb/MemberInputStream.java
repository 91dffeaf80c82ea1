package dev.trydeb.deb;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The content of one ar member, which must be exactly as long as its header says: the ar reader
 * just stops early on a truncated file, so this turns a short member into an error. Closing it
 * leaves the archive stream open.
 */
final class MemberInputStream extends InputStream {
    private final InputStream archive;
    private final long length;
    private long position;

    MemberInputStream(InputStream archive, long length) {
        this.archive = archive;
        this.length = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        int n = archive.read(buffer, offset, (int) Math.min(count, length - position));
        if (n < 0) {
            throw new EOFException("unexpected end of file after " + position + " of " + length + " bytes");
        }
        position += n;
        return n;
    }

    @Override
    public long skip(long count) throws IOException {
        if (count <= 0) {
            return 0;
        }
        byte[] discard = new byte[(int) Math.min(count, 64 * 1024)];
        long skipped = 0;
        while (skipped < count) {
            int n = read(discard, 0, (int) Math.min(discard.length, count - skipped));
            if (n < 0) {
                break;
            }
            skipped += n;
        }
        return skipped;
    }

    @Override
    public void close() {
        // The archive stream belongs to the caller.
    }
}
