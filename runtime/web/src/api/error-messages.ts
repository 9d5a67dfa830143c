/**
 * The server's errors in the user's language: the catalogue lives in the engine
 * (`@formloom/engine/messages`) so the server can word files and e-mails with the same texts
 * (the import's errors.xlsx); the player and the designer (`@formloom/web/error-messages`) take
 * it from here. `error-messages.test.ts` walks the server sources for rules without a message.
 */
export * from '@formloom/engine/messages/error-messages';
