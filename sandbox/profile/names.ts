/** Word lists the large profile draws names from: small, so names repeat as they do in a real directory. */

export const FIRST_NAMES = [
  ...['Aaron', 'Abby', 'Adam', 'Aisha', 'Alan', 'Alex', 'Alice', 'Amir', 'Ana', 'Andrea', 'Ann', 'Anna', 'Ben'],
  ...['Bianca', 'Carlos', 'Carmen', 'Chen', 'Chloe', 'Daniel', 'David', 'Diana', 'Elena', 'Emma', 'Eric', 'Fatima'],
  ...['Felix', 'Grace', 'Hana', 'Hugo', 'Ingrid', 'Ivan', 'Jack', 'James', 'Jan', 'Julia', 'Kai', 'Karen', 'Laura'],
  ...['Leon', 'Lina', 'Lucas', 'Maria', 'Mark', 'Mei', 'Nadia', 'Nina', 'Noah', 'Olga', 'Omar', 'Paul', 'Priya'],
  ...['Rosa', 'Ryan', 'Sara', 'Sofia', 'Tom', 'Uma', 'Victor', 'Wei', 'Yara', 'Yuki', 'Zoe'],
];

/** `Lee` is here on purpose: a search for "lee" must pick Ann Lee out of a few hundred Lees. */
export const LAST_NAMES = [
  ...['Adams', 'Ahmed', 'Alvarez', 'Andersen', 'Bauer', 'Becker', 'Berg', 'Brown', 'Chen', 'Clark', 'Costa', 'Dubois'],
  ...['Evans', 'Fischer', 'Garcia', 'Gupta', 'Hall', 'Hansen', 'Hoffmann', 'Ito', 'Jensen', 'Johnson', 'Kim', 'Kowalski'],
  ...['Kumar', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Meyer', 'Moreau', 'Muller', 'Nakamura', 'Nguyen', 'Nilsson'],
  ...['Novak', 'Okafor', 'Olsen', 'Park', 'Patel', 'Perez', 'Rossi', 'Sato', 'Schmidt', 'Silva', 'Singh', 'Smith'],
  ...['Suzuki', 'Tanaka', 'Taylor', 'Wagner', 'Wang', 'Weber', 'Williams', 'Wilson', 'Wong', 'Yilmaz', 'Zhang'],
];

/** Where generated guests come from. Not partner.example nor fabrikam.example: the seeded guests' domains stay theirs. */
export const GUEST_DOMAINS = [
  ...['northwind.example', 'tailspin.example', 'woodgrove.example', 'litware.example', 'adatum.example'],
  ...['fourthcoffee.example', 'proseware.example', 'wingtip.example', 'alpineski.example', 'margiestravel.example'],
];

/** Usage locations of generated users; not GB, the seeded users' own, so no new dynamic rule takes a seeded user. */
export const LOCATIONS = ['US', 'DE', 'FR', 'NL', 'SE', 'IN', 'JP', 'BR', 'CA', 'AU', 'ES', 'IT'];

export const DEPARTMENTS = [
  ...['Finance', 'Sales', 'Marketing', 'Engineering', 'Legal', 'Operations', 'Procurement', 'Support', 'Research'],
  ...['Logistics', 'Treasury', 'Compliance', 'Facilities', 'Product', 'Design', 'Security', 'Training', 'Partners'],
];

export const TOPICS = [
  ...['Reporting', 'Forecast', 'Budget', 'Pipeline', 'Contracts', 'Audit', 'Onboarding', 'Analytics', 'Planning'],
  ...['Inventory', 'Pricing', 'Quality', 'Releases', 'Tenders', 'Suppliers', 'Campaigns', 'Payroll', 'Risk'],
];

export const REGIONS = ['EMEA', 'Americas', 'APAC', 'Nordics', 'DACH', 'Benelux', 'Iberia', 'UK', 'India', 'Japan'];

/** `Sales Forecast EMEA` -> `sales-forecast-emea`. */
export const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
