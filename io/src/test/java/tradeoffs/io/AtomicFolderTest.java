package tradeoffs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.theory.ParameterException;

/**
 * The folder states a SIGKILL can leave at each step of {@link AtomicFolder#write}, built by hand,
 * and what readers ({@link AtomicFolder#current}) and the next writer ({@link AtomicFolder#recover})
 * make of them; and the folder lock refusing a second holder (in one JVM as from another process)
 * until it is closed.
 */
class AtomicFolderTest {
    @TempDir
    Path tmp;

    Path folder(String name, String content) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.writeString(d.resolve("a.txt"), content);
        return d;
    }

    @Test
    void killWhileWritingTheNewFolderLeavesTheOldOne() throws IOException {
        Path t = folder("ck", "old");
        Files.createDirectories(AtomicFolder.pending(t));
        Files.writeString(AtomicFolder.pending(t).resolve("a.txt"), "ne"); // half written
        assertEquals(t, AtomicFolder.current(t));
        AtomicFolder.recover(t);
        assertEquals("old", Files.readString(t.resolve("a.txt")));
        assertFalse(Files.exists(AtomicFolder.pending(t)));
    }

    @Test
    void killBetweenTheTwoRenamesLeavesTheNewOneReadableAndRecoverFinishesIt() throws IOException {
        Path t = tmp.resolve("ck");
        Files.move(folder("x", "old"), AtomicFolder.replaced(t));
        Files.move(folder("y", "new"), AtomicFolder.pending(t));
        assertFalse(Files.exists(t));
        assertEquals("new", Files.readString(AtomicFolder.current(t).resolve("a.txt")));
        AtomicFolder.recover(t);
        assertEquals("new", Files.readString(t.resolve("a.txt")));
        assertFalse(Files.exists(AtomicFolder.pending(t)) || Files.exists(AtomicFolder.replaced(t)));
    }

    @Test
    void killAfterTheCommitLeavesTheNewOneAndRecoverDropsTheOld() throws IOException {
        Path t = folder("ck", "new");
        Files.move(folder("x", "old"), AtomicFolder.replaced(t));
        assertEquals("new", Files.readString(AtomicFolder.current(t).resolve("a.txt")));
        AtomicFolder.recover(t);
        assertEquals("new", Files.readString(t.resolve("a.txt")));
        assertFalse(Files.exists(AtomicFolder.replaced(t)));
    }

    @Test
    void aFailingWriterLeavesTheTargetAsItWasAndANonEmptyTargetNeedsReplace() throws IOException {
        Path t = folder("ck", "old");
        assertThrows(
                IllegalStateException.class,
                () -> AtomicFolder.write(t, false, d -> Files.writeString(d.resolve("a.txt"), "x")));
        assertThrows(
                IOExceptionWrapper.class,
                () -> AtomicFolder.write(t, true, d -> {
                    Files.writeString(d.resolve("a.txt"), "partial");
                    throw new IOExceptionWrapper();
                }));
        assertEquals("old", Files.readString(t.resolve("a.txt")));
        assertFalse(Files.exists(AtomicFolder.pending(t)));
        AtomicFolder.write(t, true, d -> Files.writeString(d.resolve("b.txt"), "new"));
        assertFalse(Files.exists(t.resolve("a.txt")), "replaced whole: nothing of the old folder stays");
        assertEquals("new", Files.readString(t.resolve("b.txt")));
    }

    @Test
    void aSecondLockOnTheFolderIsRefusedNamingTheParameterAndFreedOnClose() {
        Path t = tmp.resolve("out");
        try (FolderLock first = FolderLock.exclusive("out", t)) {
            assertTrue(first.held());
            ParameterException e = assertThrows(ParameterException.class, () -> FolderLock.exclusive("out", t));
            assertEquals("out", e.parameter());
            assertThrows(ParameterException.class, () -> FolderLock.shared("out", t, 0));
        }
        try (FolderLock again = FolderLock.exclusive("out", t)) {
            assertTrue(again.held(), "closing the first lock freed the folder");
        }
    }

    /** A writer's failure that is not an I/O error. */
    static final class IOExceptionWrapper extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void claimingANonEmptyFolderNeedsOverwriteAndLeavesItUnlockedOnRefusal() throws IOException {
        Path t = folder("ck", "old");
        java.io.PrintWriter err = new java.io.PrintWriter(new java.io.StringWriter());
        ParameterException e = assertThrows(ParameterException.class, () -> AtomicFolder.claim("out", t, false, err));
        assertEquals("overwrite", e.parameter());
        try (FolderLock lock = AtomicFolder.claim("out", t, true, err)) {
            assertTrue(lock.held());
            assertThrows(ParameterException.class, () -> AtomicFolder.claim("out", t, true, err));
        }
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        try (FolderLock lock = AtomicFolder.claim("out", empty, false, err)) {
            assertTrue(lock.held(), "a new or empty folder needs no overwrite");
        }
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");
        assertEquals(
                "out",
                assertThrows(ParameterException.class, () -> AtomicFolder.claim("out", file, true, err))
                        .parameter());
    }
}
