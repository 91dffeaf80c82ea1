package dev.trydeb.deb;

import dev.trydeb.core.ErrorText;
import dev.trydeb.core.ExitCode;
import dev.trydeb.core.TrydebException;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a .deb file (an ar archive of debian-binary, control.tar[.gz|.xz|.zst] and
 * data.tar[.gz|.xz|.zst|.bz2]) in one streaming pass, hashing every byte on the way and keeping
 * only the control file and the data.tar headers. Every problem with the file, including members
 * that would land outside the package root (see {@link DataTarScanner}), is a BAD_INPUT
 * {@link TrydebException} naming the file.
 */
public final class DebArchive {
    private static final byte[] AR_MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern FORMAT_VERSION_2 = Pattern.compile("2\\.[0-9]+");
    private static final int MAX_DEBIAN_BINARY_SIZE = 1024;
    private static final String AGAIN = "download it again";
    private static final List<String> VALIDATED_RELATION_FIELDS = List.of("Pre-Depends", "Depends", "Provides");

    private DebArchive() {
    }

    public static DebPackage read(Path debFile) {
        requireReadableFile(debFile);
        MessageDigest sha256 = newSha256();
        try (InputStream file = Files.newInputStream(debFile)) {
            InputStream in = new BufferedInputStream(new DigestInputStream(file, sha256), 64 * 1024);
            requireArMagic(debFile, in);
            Members members = readMembers(debFile, new ArArchiveInputStream(in));
            in.transferTo(OutputStream.nullOutputStream());
            ControlStanza control = parseControl(debFile, members.control().controlText());
            return new DebPackage(debFile, HexFormat.of().formatHex(sha256.digest()), control,
                    members.data().entries(), members.data().shipped(), members.control().members(),
                    members.dataCompression().label());
        } catch (IOException e) {
            throw cannotRead(debFile, e);
        }
    }

    /**
     * Only the control file, read up to the control member: for a size shown in a plan, where
     * reading (and hashing) the whole file would cost as much as the install's own read of it.
     */
    public static ControlStanza readControl(Path debFile) {
        requireReadableFile(debFile);
        try (InputStream file = Files.newInputStream(debFile)) {
            InputStream in = new BufferedInputStream(file, 64 * 1024);
            requireArMagic(debFile, in);
            ArArchiveInputStream ar = new ArArchiveInputStream(in);
            readFormat(debFile, ar);
            for (ArArchiveEntry entry = nextMember(debFile, ar); entry != null; entry = nextMember(debFile, ar)) {
                if (entry.getName().startsWith("control.tar")) {
                    ControlTarReader.Contents control = readControlTar(debFile, entry.getName(),
                            compressionOf(debFile, entry.getName(), "control.tar"), new MemberInputStream(ar, entry.getLength()));
                    if (control.controlText() == null) {
                        break;
                    }
                    return parseControl(debFile, control.controlText());
                }
            }
            throw BadDeb.error(debFile, "not a valid Debian package (no control file)", AGAIN);
        } catch (IOException e) {
            throw cannotRead(debFile, e);
        }
    }

    /** The SHA-256 of a file as lowercase hex; BAD_INPUT if it cannot be read. */
    public static String sha256(Path file) {
        MessageDigest sha256 = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private record Members(ControlTarReader.Contents control, DataTarScanner.Contents data, Compression dataCompression) {
    }

    private static void requireReadableFile(Path debFile) {
        if (!Files.exists(debFile)) {
            throw BadDeb.error(debFile, "no such file", "check the path");
        }
        if (Files.isDirectory(debFile)) {
            throw BadDeb.error(debFile, "is a directory", "pass a .deb file");
        }
        if (!Files.isRegularFile(debFile)) {
            throw BadDeb.error(debFile, "not a regular file", "pass a .deb file");
        }
        if (!Files.isReadable(debFile)) {
            throw BadDeb.error(debFile, "not readable (permission denied)", "make it readable or copy it somewhere you can read");
        }
    }

    private static void requireArMagic(Path debFile, InputStream in) throws IOException {
        in.mark(AR_MAGIC.length);
        byte[] magic = in.readNBytes(AR_MAGIC.length);
        in.reset();
        if (!Arrays.equals(magic, AR_MAGIC)) {
            throw BadDeb.error(debFile, "not a Debian package (not an ar archive)", "pass a .deb file");
        }
    }

    /** debian-binary first, then control.tar.*, then data.tar.*; members named "_..." may come in between. */
    private static Members readMembers(Path debFile, ArArchiveInputStream ar) {
        readFormat(debFile, ar);

        ControlTarReader.Contents control = null;
        String controlMember = null;
        for (ArArchiveEntry entry = nextMember(debFile, ar); entry != null; entry = nextMember(debFile, ar)) {
            String name = entry.getName();  // commons-compress drops the "/" GNU ar appends
            if (name.startsWith("_")) {
                continue;
            }
            if (name.startsWith("control.tar") && control == null) {
                Compression compression = compressionOf(debFile, name, "control.tar");
                control = readControlTar(debFile, name, compression, new MemberInputStream(ar, entry.getLength()));
                controlMember = name;
                if (control.controlText() == null) {
                    throw BadDeb.error(debFile, "not a valid Debian package (" + name + " has no ./control file)",
                            "rebuild it with dpkg-deb or " + AGAIN);
                }
            } else if (name.startsWith("data.tar") && control != null) {
                Compression compression = compressionOf(debFile, name, "data.tar");
                DataTarScanner.Contents data = scanDataTar(debFile, name, compression,
                        new MemberInputStream(ar, entry.getLength()));
                return new Members(control, data, compression);
            } else if (name.startsWith("data.tar")) {
                throw BadDeb.error(debFile, "not a valid Debian package (no control.tar.* member before "
                        + BadDeb.quote(name) + ")", AGAIN);
            } else {
                throw BadDeb.error(debFile, "not a valid Debian package (unexpected member " + BadDeb.quote(name)
                        + (controlMember == null ? "" : " after " + controlMember) + ")", AGAIN);
            }
        }
        String missing = control == null ? "control.tar.*" : "data.tar.*";
        throw BadDeb.error(debFile, "not a valid Debian package (no " + missing + " member)", AGAIN);
    }

    private static ArArchiveEntry nextMember(Path debFile, ArArchiveInputStream ar) {
        try {
            return ar.getNextArEntry();
        } catch (IOException | RuntimeException e) {
            throw BadDeb.corrupt(debFile, "ar archive", e);
        }
    }

    /** The first member, debian-binary, saying format 2.x. */
    private static void readFormat(Path debFile, ArArchiveInputStream ar) {
        ArArchiveEntry first = nextMember(debFile, ar);
        if (first == null || !first.getName().equals("debian-binary")) {
            throw BadDeb.error(debFile, "not a Debian package (no 'debian-binary' member)", "pass a .deb file");
        }
        requireFormatVersion2(debFile, readDebianBinary(debFile, ar, first));
    }

    private static String readDebianBinary(Path debFile, ArArchiveInputStream ar, ArArchiveEntry entry) {
        if (entry.getLength() > MAX_DEBIAN_BINARY_SIZE) {
            throw BadDeb.error(debFile, "not a Debian package ('debian-binary' member is " + entry.getLength() + " bytes)",
                    "pass a .deb file");
        }
        try {
            byte[] bytes = new MemberInputStream(ar, entry.getLength()).readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw BadDeb.corrupt(debFile, "debian-binary member", e);
        }
    }

    /** dpkg reads the first line only and requires major version 2. */
    private static void requireFormatVersion2(Path debFile, String debianBinary) {
        int newline = debianBinary.indexOf('\n');
        if (newline < 0) {
            throw BadDeb.error(debFile, "malformed 'debian-binary' member (no newline after the format version)",
                    "pass a .deb file built by dpkg-deb");
        }
        String version = debianBinary.substring(0, newline);
        if (!FORMAT_VERSION_2.matcher(version).matches()) {
            throw BadDeb.error(debFile, "unsupported package format " + BadDeb.quote(version)
                    + " in 'debian-binary' (expected 2.x)", "pass a Debian binary package in format 2.0");
        }
    }

    private static Compression compressionOf(Path debFile, String memberName, String base) {
        return Compression.ofMember(memberName, base)
                .filter(c -> !(base.equals("control.tar") && c == Compression.BZIP2))
                .orElseThrow(() -> BadDeb.error(debFile, "member " + BadDeb.quote(memberName) + " uses an unsupported compression"
                        + " (trydeb reads " + base + (base.equals("data.tar") ? "[.gz|.xz|.zst|.bz2]" : "[.gz|.xz|.zst]") + ")",
                        "repack it with 'dpkg-deb -Zxz --build'"));
    }

    private static ControlTarReader.Contents readControlTar(Path debFile, String member, Compression compression,
                                                            InputStream content) {
        try (InputStream tar = decompress(compression, content)) {
            return ControlTarReader.read(debFile, tar);
        } catch (IOException | RuntimeException e) {
            throw asCorrupt(debFile, member, e);
        }
    }

    private static DataTarScanner.Contents scanDataTar(Path debFile, String member, Compression compression, InputStream content) {
        try (InputStream tar = decompress(compression, content)) {
            return DataTarScanner.scan(debFile, tar);
        } catch (IOException | RuntimeException e) {
            throw asCorrupt(debFile, member, e);
        }
    }

    private static InputStream decompress(Compression compression, InputStream content) throws IOException {
        try {
            return compression.decompress(content);
        } catch (LinkageError e) {
            throw new TrydebException(ExitCode.ENVIRONMENT_UNUSABLE, "cannot load the " + compression.label()
                    + " decompressor (" + ErrorText.describe(e) + "); check the trydeb installation", e);
        }
    }

    /**
     * Our own errors pass through; anything else the readers throw while decoding hostile bytes
     * (commons-compress also throws unchecked exceptions on some malformed input) is corruption.
     */
    private static TrydebException asCorrupt(Path debFile, String member, Exception e) {
        if (e instanceof TrydebException own) {
            return own;
        }
        return BadDeb.corrupt(debFile, member, e);
    }

    /** The control stanza, with the fields other code relies on checked now rather than failing later. */
    private static ControlStanza parseControl(Path debFile, String text) {
        try {
            ControlStanza control = Deb822.parseOne(text);
            control.packageName();
            control.version();
            control.architecture();
            for (String field : VALIDATED_RELATION_FIELDS) {
                Relations.parse(control.field(field).orElse(""));
            }
            return control;
        } catch (IllegalArgumentException e) {
            throw BadDeb.error(debFile, "invalid control file (" + ErrorText.oneLine(e.getMessage()) + ")",
                    "rebuild the package with a valid DEBIAN/control");
        }
    }

    private static TrydebException cannotRead(Path file, IOException e) {
        return new TrydebException(ExitCode.BAD_INPUT, file + ": cannot read it (" + ErrorText.describe(e) + ")"
                + "; check that the file is readable and intact", e);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
