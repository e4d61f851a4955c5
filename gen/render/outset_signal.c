/* SIGTERM, SIGINT, SIGHUP while a render runs: the stages in progress are
 * emptied and removed, then the signal takes its default course (the exit
 * status says which signal). The handler makes only async-signal-safe
 * calls (open, getdents64, unlinkat, close, sigaction, raise) on paths
 * stored before: a stage holds only what this process wrote into it, the
 * libraries' own temporaries included (libxlsxwriter's tmp.XXXXXX), since
 * the user's files are carried in only at the commit, with these signals
 * held. SIGKILL cannot be caught: the next commit of the folder sweeps
 * (outset_tree.c). A signal the process ignores at start (nohup) stays
 * ignored. */
#define _GNU_SOURCE
#include "outset_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SLOTS 8

typedef struct {
    volatile sig_atomic_t used;
    char stage[4096];
} slot;

static slot slots[SLOTS];
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t installed = PTHREAD_ONCE_INIT;
static const int caught[] = {SIGTERM, SIGINT, SIGHUP};

struct dirent64_raw {
    unsigned long long d_ino;
    long long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

/* Removes what a folder holds, folders `depth` deep (the stage's charts/);
 * two passes, since entries removed while listing may hide others. */
static void clear_dir(int fd, int depth)
{
    char buf[4096] __attribute__((aligned(8)));
    for (int pass = 0; pass < 2; pass++) {
        (void)lseek(fd, 0, SEEK_SET);
        long n;
        while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
            for (long off = 0; off < n;) {
                struct dirent64_raw *d = (struct dirent64_raw *)(buf + off);
                const char *name = d->d_name;
                off += d->d_reclen;
                if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2])))
                    continue;
                if (unlinkat(fd, name, 0) == 0 || errno != EISDIR || depth == 0)
                    continue;
                int sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (sub >= 0) {
                    clear_dir(sub, depth - 1);
                    close(sub);
                }
                (void)unlinkat(fd, name, AT_REMOVEDIR);
            }
    }
}

static void clean_slot(slot *s)
{
    int fd = open(s->stage, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        clear_dir(fd, 2);
        close(fd);
    }
    (void)rmdir(s->stage);
}

static void on_signal(int sig)
{
    for (int i = 0; i < SLOTS; i++)
        if (slots[i].used)
            clean_slot(&slots[i]);
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
}

static void install(void)
{
    for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++) {
        struct sigaction old, sa = {.sa_handler = on_signal};
        sigemptyset(&sa.sa_mask);
        for (size_t k = 0; k < sizeof caught / sizeof caught[0]; k++)
            sigaddset(&sa.sa_mask, caught[k]);
        if (sigaction(caught[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL &&
            !(old.sa_flags & SA_SIGINFO))
            sigaction(caught[i], &sa, NULL);
    }
}

int outset_signal_watch(const char *stage)
{
    pthread_once(&installed, install);
    if (strlen(stage) >= sizeof slots[0].stage)
        return -1;
    pthread_mutex_lock(&slots_lock);
    int found = -1;
    for (int i = 0; i < SLOTS && found < 0; i++)
        if (!slots[i].used) {
            found = i;
            snprintf(slots[i].stage, sizeof slots[i].stage, "%s", stage);
            __atomic_store_n(&slots[i].used, 1, __ATOMIC_RELEASE);
        }
    pthread_mutex_unlock(&slots_lock);
    return found;
}

void outset_signal_forget(int i)
{
    if (i < 0)
        return;
    pthread_mutex_lock(&slots_lock);
    __atomic_store_n(&slots[i].used, 0, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&slots_lock);
}
