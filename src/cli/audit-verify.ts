/**
 * Checks the access log on DATABASE_URL: every writer's hash chain, and every
 * seal (database and seal files) against the seal key's public key. Reports the
 * problems found and, per chain, how many events lie after its last seal.
 *
 * Usage: npm run audit:verify -- [--seal-file <path>]... [--public-key <pem file>]
 *   --seal-file   seal files to compare with the database (default AUDIT_SEAL_FILE; repeat for other hosts' files)
 *   --public-key  the seal key's public key (default AUDIT_SEAL_PUBLIC_KEY_FILE, else derived from AUDIT_SEAL_KEY_FILE)
 * Exit code 0: intact, 1: altered, truncated or a seal forged, 2: wrong usage or configuration.
 */
import { fail, parseCommandLine, withDatabase } from './with-database.js';
import { auditAccessLog } from '../services/access-log-audit.js';
import { sealPublicKey } from '../pki/seal-signer.js';

const USAGE = 'Usage: npm run audit:verify -- [--seal-file <path>]... [--public-key <pem file>]';
const { values } = parseCommandLine(USAGE, {
  options: { 'seal-file': { type: 'string', multiple: true }, 'public-key': { type: 'string' }, help: { type: 'boolean' } },
});

await withDatabase(async (orm, config) => {
  const publicKey = await sealPublicKey({ publicKeyFile: values['public-key'] ?? config.audit.sealPublicKeyFile, privateKeyFile: config.audit.sealKeyFile }).catch((error: Error) =>
    fail(`The seal key's public key could not be read: ${error.message}`, 2),
  );
  const report = await auditAccessLog(orm.em.fork(), { publicKey, sealFiles: values['seal-file'] ?? [config.audit.sealFile] });
  for (const chain of report.chains) {
    const state = chain.problem ? `BROKEN at event ${chain.brokenAt}` : 'intact';
    console.log(`Chain ${chain.writer}: ${chain.events} events, ${state}; sealed up to event ${chain.sealed}${chain.lastSealedAt ? ` (${chain.lastSealedAt})` : ''}, ${chain.unsealed} unsealed yet.`);
  }
  for (const note of report.notes) console.log(`Note: ${note}`);
  for (const problem of report.problems) console.log(`PROBLEM: ${problem}`);
  console.log(report.intact ? `Access log intact: ${report.events} events in ${report.chains.length} chain(s) verified.` : `Access log NOT intact: ${report.problems.length} problem(s).`);
  return report.intact ? 0 : 1;
});
