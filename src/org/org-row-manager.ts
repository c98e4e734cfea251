/**
 * Who owns an organisation row: `config` rows follow org.yaml at every start; a row an admin edited or created in
 * the console is `console`-owned, so a restart does not undo the edit or deactivate the new member.
 */
export type OrgRowManager = 'config' | 'console';
