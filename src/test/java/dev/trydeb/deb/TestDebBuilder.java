package dev.trydeb.deb;

import com.github.luben.zstd.ZstdOutputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds .deb files for tests, in memory, with Commons Compress. Defaults to a small valid package "hello". */
final class TestDebBuilder {
    static final String DEFAULT_CONTROL = """
            Package: hello
            Version: 1.0-1
            Architecture: all
            Maintainer: Test <test@example.org>
            Depends: libc6 (>= 2.34), perl:any | python3
            Description: greets
             A longer description.
             .
             Second paragraph.
            """;

    /** One ar member. */
    record ArMember(String name, byte[] content) {
    }

    /** One tar member: type is a tar type flag (TarConstants.LF_*), content only for regular files. */
    record TarItem(String name, byte type, int mode, String content, String linkTarget, long uid, long gid) {
        static TarItem dir(String name, int mode) {
            return new TarItem(name, TarConstants.LF_DIR, mode, null, null, 0, 0);
        }

        static TarItem file(String name, int mode, String content) {
            return new TarItem(name, TarConstants.LF_NORMAL, mode, content, null, 0, 0);
        }

        static TarItem symlink(String name, String target) {
            return new TarItem(name, TarConstants.LF_SYMLINK, 0777, null, target, 0, 0);
        }

        static TarItem hardlink(String name, String target) {
            return new TarItem(name, TarConstants.LF_LINK, 0755, null, target, 0, 0);
        }

        static TarItem fifo(String name) {
            return new TarItem(name, TarConstants.LF_FIFO, 0644, null, null, 0, 0);
        }

        TarItem ownedBy(long newUid, long newGid) {
            return new TarItem(name, type, mode, content, linkTarget, newUid, newGid);
        }
    }

    private String debianBinary = "2.0\n";
    private String control = DEFAULT_CONTROL;
    private boolean withControlFile = true;
    private final Map<String, String> maintainerFiles = new LinkedHashMap<>();
    private String controlSuffix = ".xz";
    private String dataSuffix = ".xz";
    private final List<TarItem> data = new ArrayList<>();

    private TestDebBuilder() {
    }

    /** A valid package: directories, an executable, a doc file, a symlink and a hardlink, plus postinst and conffiles. */
    static TestDebBuilder hello() {
        TestDebBuilder b = new TestDebBuilder();
        b.maintainerFiles.put("postinst", "#!/bin/sh\nexit 0\n");
        b.maintainerFiles.put("conffiles", "/etc/hello.conf\n");
        b.data.addAll(List.of(
                TarItem.dir("./", 0755),
                TarItem.dir("./etc/", 0755),
                TarItem.file("./etc/hello.conf", 0644, "greeting=hello\n"),
                TarItem.dir("./usr/", 0755),
                TarItem.dir("./usr/bin/", 0755),
                TarItem.file("./usr/bin/hello", 0755, "#!/bin/sh\necho hello\n"),
                TarItem.symlink("./usr/bin/hi", "hello"),
                TarItem.hardlink("./usr/bin/hello-again", "./usr/bin/hello"),
                TarItem.dir("./usr/share/", 0755),
                TarItem.dir("./usr/share/doc/", 0755),
                TarItem.dir("./usr/share/doc/hello/", 0755),
                TarItem.file("./usr/share/doc/hello/copyright", 0644, "public domain\n")));
        return b;
    }

    /** A valid package whose data.tar holds just the root directory and these items. */
    static TestDebBuilder withData(TarItem... items) {
        TestDebBuilder b = new TestDebBuilder();
        b.data.add(TarItem.dir("./", 0755));
        b.data.addAll(List.of(items));
        return b;
    }

    TestDebBuilder debianBinary(String content) {
        debianBinary = content;
        return this;
    }

    TestDebBuilder control(String text) {
        control = text;
        return this;
    }

    TestDebBuilder withoutControlFile() {
        withControlFile = false;
        return this;
    }

    /** Suffix of the control.tar member: "", ".gz", ".xz", ".zst" (or anything else, stored uncompressed). */
    TestDebBuilder controlCompression(String suffix) {
        controlSuffix = suffix;
        return this;
    }

    /** Suffix of the data.tar member: "", ".gz", ".xz", ".zst", ".bz2" (or anything else, stored uncompressed). */
    TestDebBuilder dataCompression(String suffix) {
        dataSuffix = suffix;
        return this;
    }

    TestDebBuilder add(TarItem item) {
        data.add(item);
        return this;
    }

    /** The three members, in order, for tests that rearrange them. */
    List<ArMember> members() {
        List<ArMember> members = new ArrayList<>();
        members.add(new ArMember("debian-binary", debianBinary.getBytes(StandardCharsets.US_ASCII)));
        members.add(new ArMember("control.tar" + controlSuffix, compress(controlSuffix, tar(controlItems()))));
        members.add(new ArMember("data.tar" + dataSuffix, compress(dataSuffix, tar(data))));
        return members;
    }

    byte[] build() {
        return ar(members());
    }

    Path writeTo(Path dir) {
        return write(dir, "hello.deb", build());
    }

    private List<TarItem> controlItems() {
        List<TarItem> items = new ArrayList<>();
        items.add(TarItem.dir("./", 0755));
        if (withControlFile) {
            items.add(TarItem.file("./control", 0644, control));
        }
        maintainerFiles.forEach((name, content) -> items.add(TarItem.file("./" + name, 0755, content)));
        return items;
    }

    static Path write(Path dir, String fileName, byte[] bytes) {
        try {
            return Files.write(dir.resolve(fileName), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] ar(List<ArMember> members) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(bytes)) {
            ar.setLongFileMode(ArArchiveOutputStream.LONGFILE_BSD);
            for (ArMember member : members) {
                ar.putArchiveEntry(new ArArchiveEntry(member.name(), member.content().length));
                ar.write(member.content());
                ar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] tar(List<TarItem> items) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (TarItem item : items) {
                // preserveAbsolutePath keeps hostile names such as "/etc/passwd" as they are.
                TarArchiveEntry entry = new TarArchiveEntry(item.name(), item.type(), true);
                entry.setMode(item.mode());
                entry.setUserId(item.uid());
                entry.setGroupId(item.gid());
                if (item.linkTarget() != null) {
                    entry.setLinkName(item.linkTarget());
                }
                byte[] content = item.content() == null ? new byte[0] : item.content().getBytes(StandardCharsets.UTF_8);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] compress(String suffix, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compressor(suffix, bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static OutputStream compressor(String suffix, OutputStream out) throws IOException {
        return switch (suffix) {
            case ".gz" -> new GzipCompressorOutputStream(out);
            // A small preset keeps the 8 MiB dictionary of the default out of every test.
            case ".xz" -> new XZCompressorOutputStream(out, 1);
            // With a checksum, as zstd(1) and dpkg-deb write it, so corruption is detectable.
            case ".zst" -> new ZstdOutputStream(out, 3).setChecksum(true);
            case ".bz2" -> new BZip2CompressorOutputStream(out);
            default -> out;
        };
    }

    /** Offset of a member's content in an ar archive built by {@link #ar}, for cutting or corrupting it. */
    static int contentOffset(byte[] deb, String memberName) {
        int offset = 8;
        while (offset + 60 <= deb.length) {
            String name = new String(deb, offset, 16, StandardCharsets.US_ASCII).strip();
            int size = Integer.parseInt(new String(deb, offset + 48, 10, StandardCharsets.US_ASCII).strip());
            if (name.equals(memberName) || name.equals(memberName + "/")) {
                return offset + 60;
            }
            offset += 60 + size + (size % 2);
        }
        throw new IllegalArgumentException("no member " + memberName);
    }

    /** Size of a member's content, from its ar header. */
    static int contentSize(byte[] deb, String memberName) {
        int header = contentOffset(deb, memberName) - 60;
        return Integer.parseInt(new String(deb, header + 48, 10, StandardCharsets.US_ASCII).strip());
    }
}
