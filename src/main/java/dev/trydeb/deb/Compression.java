package dev.trydeb.deb;

import com.github.luben.zstd.ZstdInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** The compressions a .deb's control.tar and data.tar members may use, keyed by member-name suffix. */
enum Compression {
    NONE("", "none"),
    GZIP(".gz", "gzip"),
    XZ(".xz", "xz"),
    ZSTD(".zst", "zstd"),
    BZIP2(".bz2", "bzip2");

    /** Enough for xz -9 (64 MiB dictionary); a crafted header asking for more is refused, not allocated. */
    private static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

    private final String suffix;
    private final String label;

    Compression(String suffix, String label) {
        this.suffix = suffix;
        this.label = label;
    }

    /** The name dpkg-deb -Z uses for it. */
    String label() {
        return label;
    }

    /** The compression of a member named base + suffix, e.g. "data.tar.xz"; empty if the suffix is unknown. */
    static Optional<Compression> ofMember(String memberName, String base) {
        for (Compression c : values()) {
            if (memberName.equals(base + c.suffix)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GzipCompressorInputStream(in, true);
            case XZ -> {
                Optional<InputStream> host = XzProcessInputStream.start(in, XZ_MEMORY_LIMIT_KIB);
                yield host.isPresent() ? host.get() : new XZCompressorInputStream(in, true, XZ_MEMORY_LIMIT_KIB);
            }
            // zstd-jni directly: Debian 12 builds commons-compress without its zstandard wrapper.
            case ZSTD -> new ZstdInputStream(in);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
        };
    }
}
