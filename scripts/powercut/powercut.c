/*
 * A power cut for one process, in the way of LazyFS's "clear cache":
 * every write that was not followed by an fsync is lost when the power
 * goes. LazyFS itself cannot be used here: it is distributed only as
 * source on GitHub, which these machines cannot reach, and no Debian,
 * crates.io, npm or PyPI package carries it.
 *
 * Loaded with LD_PRELOAD into `kheo serve`. For each file under
 * POWERCUT_DIR whose name ends in ".db" or ".db-wal", every write and
 * truncate first appends to "<file>.undo" the bytes and the size it is
 * about to change; fsync or fdatasync of the file empties its undo log,
 * because what was synced survives a power cut. After the process is
 * killed, scripts/faults.py (powercut_restore) applies the undo logs
 * backwards: the files are then exactly what a disk would hold after the
 * power went at that moment, with the page cache lost.
 *
 * Not modelled: a new file's directory entry (SQLite creates the WAL once,
 * at the start) and torn sectors inside one write.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off64_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_unlink)(const char *);

static void init(void) {
    if (real_write) return;
    real_pwrite = dlsym(RTLD_NEXT, "pwrite");
    real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
    real_ftruncate = dlsym(RTLD_NEXT, "ftruncate");
    real_ftruncate64 = dlsym(RTLD_NEXT, "ftruncate64");
    real_fsync = dlsym(RTLD_NEXT, "fsync");
    real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
    real_unlink = dlsym(RTLD_NEXT, "unlink");
    real_write = dlsym(RTLD_NEXT, "write");
}

static int tracked_name(const char *path) {
    const char *dir = getenv("POWERCUT_DIR");
    if (!dir || strncmp(path, dir, strlen(dir)) != 0) return 0;
    size_t n = strlen(path);
    return (n > 3 && strcmp(path + n - 3, ".db") == 0) || (n > 7 && strcmp(path + n - 7, ".db-wal") == 0);
}

/* The file an fd stands for, when it is one we track. */
static int tracked(int fd, char *path) {
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, PATH_MAX - 8);
    if (n <= 0) return 0;
    path[n] = 0;
    return tracked_name(path);
}

/* One undo record: where, the size before, and the bytes that were there. */
static void remember(int fd, const char *path, off_t off, off_t end) {
    struct stat st;
    if (fstat(fd, &st) != 0) return;
    off_t size = st.st_size;
    off_t from = off < size ? off : size;
    off_t to = end < size ? end : size;
    uint64_t len = to > from ? (uint64_t)(to - from) : 0;
    char *old = len ? malloc(len) : NULL;
    if (len && !old) abort();
    for (uint64_t got = 0; got < len;) {
        ssize_t r = pread(fd, old + got, len - got, from + got);
        if (r <= 0) abort();
        got += r;
    }
    char undo[PATH_MAX];
    snprintf(undo, sizeof undo, "%s.undo", path);
    int u = open(undo, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (u < 0) abort();
    uint64_t head[4] = {0x4b48454f554e444fULL, (uint64_t)from, (uint64_t)size, len};
    /* One write for the whole record: a kill never leaves half of it. */
    size_t total = sizeof head + len;
    char *rec = malloc(total);
    if (!rec) abort();
    memcpy(rec, head, sizeof head);
    if (len) memcpy(rec + sizeof head, old, len);
    if (real_write(u, rec, total) != (ssize_t)total) abort();
    close(u);
    free(rec);
    free(old);
}

static void synced(const char *path) {
    char undo[PATH_MAX];
    snprintf(undo, sizeof undo, "%s.undo", path);
    real_unlink(undo);
}

/* pwrite and pwrite64 are one call on a 64-bit system (off_t is 64 bits),
   as ftruncate and ftruncate64 are below. */
static ssize_t pwrite_tracked(int fd, const void *buf, size_t n, off_t off,
                              ssize_t (*real)(int, const void *, size_t, off_t)) {
    char path[PATH_MAX];
    if (!tracked(fd, path)) return real(fd, buf, n, off);
    pthread_mutex_lock(&lock);
    remember(fd, path, off, off + (off_t)n);
    ssize_t r = real(fd, buf, n, off);
    pthread_mutex_unlock(&lock);
    return r;
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) {
    init();
    return pwrite_tracked(fd, buf, n, off, real_pwrite);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off) {
    init();
    return pwrite_tracked(fd, buf, n, off, (ssize_t (*)(int, const void *, size_t, off_t))real_pwrite64);
}

ssize_t write(int fd, const void *buf, size_t n) {
    init();
    char path[PATH_MAX];
    if (!tracked(fd, path)) return real_write(fd, buf, n);
    pthread_mutex_lock(&lock);
    off_t off = lseek(fd, 0, SEEK_CUR);
    if (fcntl(fd, F_GETFL) & O_APPEND) {
        struct stat st;
        fstat(fd, &st);
        off = st.st_size;
    }
    remember(fd, path, off, off + (off_t)n);
    ssize_t r = real_write(fd, buf, n);
    pthread_mutex_unlock(&lock);
    return r;
}

static int truncate_tracked(int fd, off_t len, int (*real)(int, off_t)) {
    char path[PATH_MAX];
    if (!tracked(fd, path)) return real(fd, len);
    pthread_mutex_lock(&lock);
    remember(fd, path, len, (off_t)INT64_MAX);
    int r = real(fd, len);
    pthread_mutex_unlock(&lock);
    return r;
}

int ftruncate(int fd, off_t len) {
    init();
    return truncate_tracked(fd, len, real_ftruncate);
}

int ftruncate64(int fd, off64_t len) {
    init();
    return truncate_tracked(fd, len, (int (*)(int, off_t))real_ftruncate64);
}

static int sync_tracked(int fd, int (*real)(int)) {
    int r = real(fd);
    char path[PATH_MAX];
    /* Once the file POWERCUT_LIE names exists, a disk that acknowledges
       fsync and keeps nothing: the harness's own test that lost sheets are
       then caught. */
    const char *lie = getenv("POWERCUT_LIE");
    if (r == 0 && !(lie && access(lie, F_OK) == 0) && tracked(fd, path)) {
        pthread_mutex_lock(&lock);
        synced(path);
        pthread_mutex_unlock(&lock);
    }
    return r;
}

int fsync(int fd) {
    init();
    return sync_tracked(fd, real_fsync);
}

int fdatasync(int fd) {
    init();
    return sync_tracked(fd, real_fdatasync);
}

/* A file deleted on purpose takes its undo log with it. */
int unlink(const char *path) {
    init();
    int r = real_unlink(path);
    if (r == 0 && tracked_name(path)) {
        pthread_mutex_lock(&lock);
        synced(path);
        pthread_mutex_unlock(&lock);
    }
    return r;
}
