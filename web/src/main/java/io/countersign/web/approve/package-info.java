/**
 * The approver app at {@code /t/{tenant}/approve/}: its static files (served with a strict
 * Content-Security-Policy) and the JSON API behind them, with cookie sessions, CSRF checks, passkey
 * sign-in, device enrolment and device-bound decisions.
 */
package io.countersign.web.approve;
