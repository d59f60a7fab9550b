/**
 * What LoyaltyDog accepts as a caller's `X-Request-Id` (1 to 128 of `A-Za-z0-9._-`, per API-NOTES) and echoes
 * back. One definition, so the client's check before sending and the simulator's echo cannot drift apart.
 */
export const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
