/* log.h: one-line log records on stderr, tagged with the request id */
#ifndef CERTDESK_LOG_H
#define CERTDESK_LOG_H

void log_set_program(const char *name);
/* Write "time program[pid] level rid message" to stderr. rid may be NULL. */
void log_msg(const char *level, const char *rid, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define log_info(rid, ...) log_msg("info", (rid), __VA_ARGS__)
#define log_warn(rid, ...) log_msg("warn", (rid), __VA_ARGS__)
#define log_error(rid, ...) log_msg("error", (rid), __VA_ARGS__)

#endif
