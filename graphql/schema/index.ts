// Only imports the type files (one per type, mutations grouped by what they change), then builds the schema.
import { builder } from '../builder';
import './root';
import './scalars';
import './errors';
import './enums';
import './organization';
import './organization-mutations';
import './user';
import './membership';
import './invitation-link';
import './membership-mutations';
import './pledge';
import './pledge-version';
import './pledge-signature';
import './pledge-progress-report';
import './sign-eligibility';
import './pledge-mutations';
import './signature-mutations';
import './issue-enums';
import './customs-office';
import './issue';
import './issue-mutations';
import './notification';

export const schema = builder.toSchema({ sortSchema: true });
