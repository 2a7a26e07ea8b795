"""systemd's socket activation (sd_listen_fds(3)), for a test: listens on 127.0.0.1:PORT, puts the socket on
fd 3, sets LISTEN_FDS=1, LISTEN_FDNAMES and LISTEN_PID, then execs the command given, which keeps this PID.
Usage: socket-activate.py PORT own-pid|other-pid|not-listening COMMAND [ARG...]
  own-pid        LISTEN_PID is this process, the one the command runs as: the socket is for it
  other-pid      LISTEN_PID is this process's parent: the socket is not for the command
  not-listening  as own-pid, but the socket is bound and does not listen"""
import os
import socket
import sys

port, mode, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", port))
if mode != "not-listening":
    listener.listen(128)
if listener.fileno() != 3:
    os.dup2(listener.fileno(), 3)
# Python opens every fd close-on-exec; systemd passes its sockets without the flag.
os.set_inheritable(3, True)
os.environ["LISTEN_FDS"] = "1"
os.environ["LISTEN_FDNAMES"] = "narwhal.socket"
os.environ["LISTEN_PID"] = str(os.getppid() if mode == "other-pid" else os.getpid())
os.execv(command[0], command)
